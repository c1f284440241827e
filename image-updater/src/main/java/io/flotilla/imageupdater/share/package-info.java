/**
 * The image repositories split between the instances of the image-updater: each repository is scanned, and its
 * {@code ImageTagFound} published, by the instance that owns it in a {@link io.flotilla.messaging.share.PartitionShare}
 * over the images topic ({@link io.flotilla.imageupdater.share.ScanShare}); a registry webhook that reaches another
 * instance is passed on to it through PostgreSQL's LISTEN/NOTIFY ({@link io.flotilla.imageupdater.share.PushNotices}).
 */
package io.flotilla.imageupdater.share;
