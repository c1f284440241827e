package io.flotilla.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensFileTest {

    @TempDir
    Path dir;

    @Test
    void aTokenIsFoundByWhatItsHolderPresentsAndOnlyItsHashIsKept() throws IOException {
        String ci = TokenHash.newToken();
        String alice = TokenHash.newToken();
        Path file = Files.writeString(dir.resolve("tokens"), """
                # who  roles  hash
                ci     operator         %s

                alice  viewer,ADMIN     %s
                """.formatted(TokenHash.of(ci), TokenHash.of(alice).toUpperCase().replace("SHA256", "sha256")));

        ApiTokens tokens = ApiTokens.of(TokensFile.read(file));

        assertThat(Files.readString(file)).doesNotContain(ci).doesNotContain(alice);
        assertThat(tokens.find(ci)).get().extracting(ApiToken::name, ApiToken::roles)
                .containsExactly("ci", Set.of(Role.OPERATOR));
        assertThat(tokens.find(alice)).get().extracting(ApiToken::roles).isEqualTo(Set.of(Role.VIEWER, Role.ADMIN));
        assertThat(tokens.find(TokenHash.newToken())).isEmpty();
        assertThat(ci).startsWith(TokenHash.PREFIX);
    }

    @Test
    void aLineThatCannotBeReadNamesFileLineAndReason() throws IOException {
        Path file = Files.writeString(dir.resolve("tokens"), "ci operator " + TokenHash.of("x") + "\n"
                + "bob admn " + TokenHash.of("y") + "\n");
        assertThatThrownBy(() -> TokensFile.read(file))
                .hasMessageContaining(file + " line 2").hasMessageContaining("role 'admn' is not viewer, operator or admin");

        Path clear = Files.writeString(dir.resolve("clear"), "ci operator flt_abcdefghijklmnopqrstuvwxyz\n");
        assertThatThrownBy(() -> TokensFile.read(clear))
                .hasMessageContaining("line 1").hasMessageContaining("is not a token hash")
                .hasMessageNotContaining("flt_abcdefghijklmnopqrstuvwxyz");
    }

    @Test
    void aTenantsMembersTokenNamesItsTenantsAndAPlatformTokenSeesTheWholeFleet() throws IOException {
        String web = TokenHash.newToken();
        String ci = TokenHash.newToken();
        Path file = Files.writeString(dir.resolve("tokens"), """
                web-team  operator  %s  tenants=team-a,team-a-staging
                ci        operator  %s
                """.formatted(TokenHash.of(web), TokenHash.of(ci)));

        ApiTokens tokens = ApiTokens.of(TokensFile.read(file));

        TenantScope member = new TenantScope(tokens.find(web).orElseThrow().tenants());
        assertThat(member.describe()).isEqualTo("tenants team-a, team-a-staging");
        assertThat(member.sees("team-a")).isTrue();
        assertThat(member.sees("team-b")).isFalse();
        assertThat(member.sees(null)).as("the platform team's releases").isFalse();
        TenantScope platform = new TenantScope(tokens.find(ci).orElseThrow().tenants());
        assertThat(platform.wholeFleet()).isTrue();
        assertThat(platform.sees("team-b")).isTrue();
        assertThat(platform.sees(null)).isTrue();
    }

    @Test
    void aFourthFieldThatIsNoTenantsIsRefusedNamingTheLine() throws IOException {
        Path file = Files.writeString(dir.resolve("tokens"), "web operator " + TokenHash.of("x") + " team-a\n");

        assertThatThrownBy(() -> TokensFile.read(file)).hasMessageContaining(file + " line 1")
                .hasMessageContaining("the fourth field reads 'tenants=<tenant>[,<tenant>]', not 'team-a'");
        Path empty = Files.writeString(dir.resolve("empty"), "web operator " + TokenHash.of("x") + " tenants=a,,b\n");
        assertThatThrownBy(() -> TokensFile.read(empty)).hasMessageContaining("names a tenant without a name");
    }

    @Test
    void twoHoldersOfOneTokenAreRefused() {
        String hash = TokenHash.of("same");
        assertThatThrownBy(() -> ApiTokens.of(List.of(new ApiToken("a", Set.of(Role.VIEWER), hash),
                new ApiToken("b", Set.of(Role.ADMIN), hash)))).hasMessageContaining("'a' and 'b' have the same hash");
    }
}
