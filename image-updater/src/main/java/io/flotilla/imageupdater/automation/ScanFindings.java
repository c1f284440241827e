package io.flotilla.imageupdater.automation;

import java.util.Map;
import java.util.Optional;

import io.flotilla.imageupdater.declaration.AutomatedImage;
import io.flotilla.imageupdater.scan.ChosenTag;

/**
 * What one scan of a repository found for each automated image following it: the tag its policy chose (empty
 * when no tag is eligible).
 */
public record ScanFindings(Map<AutomatedImage, Optional<ChosenTag>> choices) {
}
