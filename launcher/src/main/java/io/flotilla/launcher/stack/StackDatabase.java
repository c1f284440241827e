package io.flotilla.launcher.stack;

/** Where the services of a stack keep their tables: a PostgreSQL database and how to log in to it. */
record StackDatabase(String reactiveUrl, String user, String password) {
}
