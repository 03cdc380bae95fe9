"""What each app's loader of reference data reports (``load_reference_data``), and the one way
they write a row: only when something differs, so that a second run changes nothing."""

from dataclasses import dataclass, field


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    def add(self, label: str, created: bool, changed: bool):
        if created:
            self.created.append(label)
        elif changed:
            self.updated.append(label)
        else:
            self.unchanged += 1


def upsert(model, lookup: dict, values: dict, report: LoadReport, label: str):
    """Create or update one row, writing only when something differs."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        report.add(label, created=True, changed=True)
        return obj
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    for k in changed:
        setattr(obj, k, values[k])
    if changed:
        obj.save(update_fields=changed)
    report.add(label, created=False, changed=bool(changed))
    return obj
