"""Report types: manifests, discovery, per-type input models, skeletons."""
