"""One error root. Library code raises these; only the CLI prints them."""


class ZxError(Exception):
    """Root of every error zxextract raises on purpose."""


class RuleError(ZxError):
    """The rules in rules/*.yml are malformed. Stops a run: it is a configuration error."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid rules:\n" + "\n".join(f"  {p}" for p in problems))


class InputError(ZxError):
    """One input document cannot be read or decoded. The run records it and goes on."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class GoldError(ZxError):
    """A gold file is malformed."""


class OutputError(ZxError):
    """The output directory cannot be written."""


class ModelError(ZxError):
    """A shipped model (segmenter, NER) is missing or cannot be loaded."""


class RuleTimeout(ZxError, TimeoutError):
    """A rule's pattern ran past the regex time limit on one stretch of a document."""

    def __init__(self, rule_id: str, source: str, seconds: float):
        self.rule_id = rule_id
        super().__init__(f"rule {rule_id} ({source}) ran past the {seconds:g} s regex time limit "
                         "on one stretch of this text: a pattern that backtracks; fix the rule")


class EngineError(ZxError):
    """The Dask cluster cannot be started or reached."""


class ManifestError(ZxError):
    """IN_DIR/manifest.csv or .jsonl is malformed. Stops a run: the metadata would be wrong."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid manifest:\n" + "\n".join(f"  {p}" for p in problems))
