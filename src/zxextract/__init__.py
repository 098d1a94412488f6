"""zxextract: CPPCC (政协) work reports in, validated metric records out."""

__version__ = "0.1.0"
