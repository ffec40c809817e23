"""What a check reports: one problem, where it is, and what the data says instead."""

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    location: str
    text: str = ""

    def as_dict(self):
        return asdict(self)
