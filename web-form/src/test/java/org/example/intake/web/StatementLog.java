package org.example.intake.web;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * What a context says to its database, for tests that count round trips: as a bean, it wraps the context's
 * DataSource so that every statement executed ({@code execute*}, a batch as one) and every commit and rollback is
 * noted with the thread that made it. The tests read the notes of the threads they are about (a request's), so the
 * scheduler's polls and the other background work of the context never count.
 */
public final class StatementLog implements BeanPostProcessor {

    /** One call that went to the database: the statement's SQL, or {@code commit} or {@code rollback}. */
    public record Entry(Thread thread, String sql) {
    }

    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof Recording)) {
            return new Recording(dataSource);
        }
        return bean;
    }

    /** What threads whose names start so said to the database since the last {@link #clear()}, in order. */
    public List<Entry> ofThreadsNamed(String prefix) {
        synchronized (entries) {
            return entries.stream().filter(e -> e.thread().getName().startsWith(prefix)).toList();
        }
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    private void note(String sql) {
        synchronized (entries) {
            entries.add(new Entry(Thread.currentThread(), sql));
        }
    }

    private final class Recording extends DelegatingDataSource {

        Recording(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return connection(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connection(super.getConnection(username, password));
        }
    }

    private Connection connection(Connection target) {
        return proxy(Connection.class, target, (method, args) -> {
            switch (method.getName()) {
                case "commit", "rollback" -> note(method.getName());
                default -> {
                }
            }
            Object result = invoke(method, target, args);
            if (result instanceof CallableStatement statement) {
                return statement(CallableStatement.class, statement, (String) args[0]);
            }
            if (result instanceof PreparedStatement statement) {
                return statement(PreparedStatement.class, statement, (String) args[0]);
            }
            if (result instanceof Statement statement) {
                return statement(Statement.class, statement, null);
            }
            return result;
        });
    }

    private <S extends Statement> S statement(Class<S> type, S target, String prepared) {
        List<String> batch = new ArrayList<>();
        return proxy(type, target, (method, args) -> {
            String name = method.getName();
            if (name.equals("addBatch") && args != null && args.length == 1) {
                batch.add((String) args[0]);
            }
            if (EXECUTE.contains(name)) {
                note(args != null && args.length > 0 && args[0] instanceof String sql ? sql
                        : prepared != null ? prepared : String.join("; ", batch));
                batch.clear();
            }
            return invoke(method, target, args);
        });
    }

    private interface Call {
        Object on(Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (proxy, method, args) -> call.on(method, args);
        return (T) Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] { type }, handler);
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
