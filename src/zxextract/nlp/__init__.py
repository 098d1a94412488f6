"""Chinese NLP layer: word segmentation with a shipped pkuseg model (see segmenter)."""
