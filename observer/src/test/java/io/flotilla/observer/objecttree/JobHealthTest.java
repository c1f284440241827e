package io.flotilla.observer.objecttree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.flotilla.events.ObjectRef;

/** Jobs and CronJobs as Argo CD and kubectl show them: what they did, and why one failed. */
class JobHealthTest {

    static final ObjectRef BACKUP = new ObjectRef("batch/v1", "CronJob", "apps", "backup");

    final ObjectTrees trees = new ObjectTrees();

    @Test
    void aCronJobOwnsItsJobsWhichOwnTheirPods() {
        trees.seen("dev", cronJob(false, "2026-12-06T10:00:00Z", "2026-12-06T10:00:07Z", 1));
        trees.seen("dev", job("backup-100", "job-100", "cron-backup", new JobBuilder().withNewStatus().withSucceeded(1)
                .addNewCondition().withType("Complete").withStatus("True").endCondition().endStatus().build()));
        trees.seen("dev", job("backup-101", "job-101", "cron-backup", new JobBuilder().withNewStatus().withActive(1)
                .endStatus().build()));
        trees.seen("dev", new PodBuilder().withMetadata(owned("backup-101-x", "Job", "job-101")).withNewStatus()
                .withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build());

        ObjectNode backup = trees.of("dev", List.of(BACKUP)).get(0);

        assertThat(backup).extracting(ObjectNode::health, ObjectNode::reason).containsExactly("Healthy",
                "schedule 0 * * * *, last scheduled 2026-12-06T10:00:00Z, 1 active, last succeeded 2026-12-06T10:00:07Z");
        assertThat(backup.children()).extracting(node -> node.object().apiVersion(), node -> node.object().name(),
                ObjectNode::health, ObjectNode::reason).containsExactly(
                        tuple("batch/v1", "backup-100", "Completed", "complete: 1 of 1 succeeded"),
                        tuple("batch/v1", "backup-101", "Progressing", "running: 1 active, 0 of 1 succeeded"));
        assertThat(backup.children().get(1).children()).extracting(node -> node.object().name(), ObjectNode::health)
                .containsExactly(tuple("backup-101-x", "Healthy"));
    }

    @Test
    void aJobPastItsBackoffLimitIsDegradedWithTheReason() {
        Job failed = job("migrate", "job-m", null, new JobBuilder().withNewSpec().withBackoffLimit(2).endSpec()
                .withNewStatus().withFailed(3).addNewCondition().withType("Failed").withStatus("True")
                .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit")
                .endCondition().endStatus().build());
        trees.seen("dev", failed);

        assertThat(trees.of("dev", List.of(new ObjectRef("batch/v1", "Job", "apps", "migrate"))).get(0))
                .extracting(ObjectNode::health, ObjectNode::reason).containsExactly("Degraded",
                        "failed: BackoffLimitExceeded: Job has reached the specified backoff limit (3 pods failed, "
                                + "backoff limit 2)");
    }

    @Test
    void aJobWhosePodFailedWaitsOutItsBackoffAndSaysSo() {
        trees.seen("dev", job("migrate", "job-m", null, new JobBuilder().withNewStatus().withFailed(1).withActive(0)
                .endStatus().build()));

        assertThat(trees.of("dev", List.of(new ObjectRef("batch/v1", "Job", "apps", "migrate"))).get(0))
                .extracting(ObjectNode::health, ObjectNode::reason).containsExactly("Progressing",
                        "running: 0 active, 0 of 1 succeeded, 1 failed of backoff limit 6, waiting out the backoff "
                                + "before the next try");
    }

    @Test
    void aSuspendedCronJobIsSuspendedAndOneWhoseLastJobFailedIsDegraded() {
        trees.seen("dev", cronJob(true, "2026-12-06T10:00:00Z", "2026-12-06T10:00:07Z", 0));
        assertThat(trees.of("dev", List.of(BACKUP)).get(0)).extracting(ObjectNode::health, ObjectNode::reason)
                .containsExactly("Suspended", "suspended: schedule 0 * * * *, last scheduled 2026-12-06T10:00:00Z, "
                        + "0 active");

        trees.seen("dev", cronJob(false, "2026-12-06T11:00:00Z", "2026-12-06T10:00:07Z", 0));
        assertThat(trees.of("dev", List.of(BACKUP)).get(0)).extracting(ObjectNode::health, ObjectNode::reason)
                .containsExactly("Degraded", "its last Job did not succeed: schedule 0 * * * *, last scheduled "
                        + "2026-12-06T11:00:00Z, 0 active, last succeeded 2026-12-06T10:00:07Z");
    }

    @Test
    void aHookJobStillOnTheClusterShowsWithItsPodsAndOneDeletedOnceItRanShowsGone() {
        trees.seen("dev", job("migrate", "job-m", null, new JobBuilder().withNewStatus().withSucceeded(1)
                .addNewCondition().withType("Complete").withStatus("True").endCondition().endStatus().build()));
        ObjectRef migrate = new ObjectRef("batch/v1", "Job", "apps", "migrate");
        ObjectRef smoke = new ObjectRef("batch/v1", "Job", "apps", "smoke");

        List<ObjectNode> tree = trees.of("dev", new ReleaseObjects(List.of(), List.of(migrate, smoke)));

        assertThat(tree).containsExactly(
                new ObjectNode(migrate, "Completed", "complete: 1 of 1 succeeded", List.of(), true),
                new ObjectNode(smoke, null, "not on the cluster: deleted once it ran, as its hook-delete-policy asks",
                        List.of(), true));
    }

    private static CronJob cronJob(boolean suspended, String lastSchedule, String lastSuccess, int active) {
        CronJobBuilder cronJob = new CronJobBuilder().withNewMetadata().withNamespace("apps").withName("backup")
                .withUid("cron-backup").endMetadata().withNewSpec().withSchedule("0 * * * *").withSuspend(suspended)
                .endSpec().withNewStatus().withLastScheduleTime(lastSchedule).withLastSuccessfulTime(lastSuccess)
                .endStatus();
        for (int i = 0; i < active; i++) {
            cronJob.editStatus().addToActive(new ObjectReferenceBuilder().withKind("Job").withName("backup-" + i)
                    .build()).endStatus();
        }
        return cronJob.build();
    }

    private static Job job(String name, String uid, String ownerUid, Job withStatus) {
        return new JobBuilder(withStatus).withMetadata(ownerUid == null ? new ObjectMetaBuilder().withNamespace("apps")
                .withName(name).withUid(uid).build() : owned(name, "CronJob", ownerUid)).editMetadata().withUid(uid)
                .endMetadata().build();
    }

    private static ObjectMeta owned(String name, String ownerKind, String ownerUid) {
        return new ObjectMetaBuilder().withNamespace("apps").withName(name).withUid("uid-" + name)
                .withOwnerReferences(new OwnerReferenceBuilder().withKind(ownerKind).withName("owner")
                        .withUid(ownerUid).withController(true).build()).build();
    }
}
