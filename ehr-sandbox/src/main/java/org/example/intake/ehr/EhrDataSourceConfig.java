package org.example.intake.ehr;

import java.nio.file.Path;

import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;

import com.zaxxer.hikari.HikariDataSource;

/** Boot's pooled data source, except that an H2 file path is made absolute (H2 refuses implicit relative paths). */
public class EhrDataSourceConfig {

    private static final String H2_FILE = "jdbc:h2:file:";

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(DataSourceProperties properties) {
        return properties.initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .url(withAbsoluteH2Path(properties.determineUrl()))
                .build();
    }

    static String withAbsoluteH2Path(String url) {
        if (url == null || !url.startsWith(H2_FILE)) {
            return url;
        }
        String rest = url.substring(H2_FILE.length());
        int options = rest.indexOf(';');
        String path = options < 0 ? rest : rest.substring(0, options);
        String tail = options < 0 ? "" : rest.substring(options);
        if (path.startsWith("~")) {
            return url;
        }
        return H2_FILE + Path.of(path).toAbsolutePath().normalize() + tail;
    }
}
