package io.flotilla.gitwatcher.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.testing.git.GitRepo;

class CommitSignaturesTest {

    static OpenPgpKey ada;
    static OpenPgpKey mallory;

    @TempDir
    Path temp;

    GitRepo repo;
    Repository repository;

    @BeforeAll
    static void generateKeys() {
        ada = OpenPgpKey.generate("Ada Ops <ada@example.com>");
        mallory = OpenPgpKey.generate("Mallory <mallory@example.com>");
    }

    @BeforeEach
    void createRepository() throws Exception {
        repo = GitRepo.init(temp.resolve("fleet"));
        repository = new FileRepositoryBuilder().findGitDir(repo.dir().toFile()).build();
    }

    @AfterEach
    void close() {
        repository.close();
        repo.close();
    }

    @Test
    void commitSignedByAListedKeyIsAcceptedAndNamesTheKey() {
        repo.write("a.yaml", "a").commit("Add a");
        String signed = SignedCommits.signHead(repo.dir(), ada);
        SigningKeys keys = SigningKeys.parse(List.of(mallory.armoredPublicKey(), ada.armoredPublicKey()));

        String signer = CommitSignatures.verify(repository, ObjectId.fromString(signed), keys);

        assertThat(signer).isEqualTo(keys.fingerprints().get(1));
    }

    @Test
    void unsignedCommitIsRefused() {
        String unsigned = repo.write("a.yaml", "a").commit("Add a");

        assertThatThrownBy(() -> CommitSignatures.verify(repository, ObjectId.fromString(unsigned),
                SigningKeys.parse(List.of(ada.armoredPublicKey()))))
                .isInstanceOf(UnverifiedCommitException.class)
                .hasMessageContaining(unsigned.substring(0, 10))
                .hasMessageContaining("not signed");
    }

    @Test
    void commitSignedByAnotherKeyIsRefused() {
        repo.write("a.yaml", "a").commit("Add a");
        String signed = SignedCommits.signHead(repo.dir(), mallory);

        assertThatThrownBy(() -> CommitSignatures.verify(repository, ObjectId.fromString(signed),
                SigningKeys.parse(List.of(ada.armoredPublicKey()))))
                .isInstanceOf(UnverifiedCommitException.class)
                .hasMessageContaining("is not one of");
    }

    @Test
    void commitAlteredAfterSigningIsRefused() {
        repo.write("a.yaml", "a").commit("Add a");
        String altered = SignedCommits.signHeadThenAlter(repo.dir(), ada);

        assertThatThrownBy(() -> CommitSignatures.verify(repository, ObjectId.fromString(altered),
                SigningKeys.parse(List.of(ada.armoredPublicKey()))))
                .isInstanceOf(UnverifiedCommitException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void keysAreReadFromAKeyFileHoldingSeveralBlocks() throws Exception {
        Path file = temp.resolve("keys.asc");
        Files.writeString(file, ada.armoredPublicKey() + mallory.armoredPublicKey());
        repo.write("a.yaml", "a").commit("Add a");
        String signed = SignedCommits.signHead(repo.dir(), mallory);

        SigningKeys keys = SigningKeys.parse(List.of(file.toString()));

        assertThat(keys.fingerprints()).hasSize(2);
        assertThat(CommitSignatures.verify(repository, ObjectId.fromString(signed), keys))
                .isEqualTo(keys.fingerprints().get(1));
    }

    @Test
    void entryThatIsNoKeyIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> SigningKeys.parse(List.of(ada.armoredPublicKey(), "/nonexistent/keys.asc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signing key 2")
                .hasMessageContaining("/nonexistent/keys.asc");
        assertThatThrownBy(() -> SigningKeys.parse(List.of(
                "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm90IGEga2V5\n-----END PGP PUBLIC KEY BLOCK-----\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signing key 1");
    }
}
