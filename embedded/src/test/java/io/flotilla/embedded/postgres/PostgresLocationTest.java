package io.flotilla.embedded.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresLocationTest {

    @Test
    void readsAJdbcUrlWithItsUserInTheQuery() {
        PostgresLocation location = PostgresLocation.parse("jdbc:postgresql://db.local:5433/app?user=flotilla&password=pw", null, null);

        assertThat(location).isEqualTo(new PostgresLocation("db.local", 5433, "app", "flotilla", "pw"));
    }

    @Test
    void readsALibpqUrlWithCredentialsAndDefaultPort() {
        PostgresLocation location = PostgresLocation.parse("postgresql://flotilla:p%40ss@db.local/app", null, null);

        assertThat(location).isEqualTo(new PostgresLocation("db.local", 5432, "app", "flotilla", "p@ss"));
    }

    @Test
    void userAndPasswordVariablesWinOverTheUrl() {
        PostgresLocation location = PostgresLocation.parse("postgresql://a:b@h:1/d", "flotilla", "secret");

        assertThat(location.username()).isEqualTo("flotilla");
        assertThat(location.password()).isEqualTo("secret");
    }

    @Test
    void withoutUserOrDatabaseItLogsInAsPostgresToPostgres() {
        PostgresLocation location = PostgresLocation.parse("postgresql://h", null, null);

        assertThat(location).isEqualTo(new PostgresLocation("h", 5432, "postgres", "postgres", ""));
    }

    @Test
    void anotherSchemeIsRefusedWithAnExample() {
        assertThatThrownBy(() -> PostgresLocation.parse("mysql://h/db", null, null))
                .hasMessageContaining("FLOTILLA_DB_URL 'mysql://h/db'")
                .hasMessageContaining("jdbc:postgresql://");
    }
}
