"""The load bench's figures: the page mix, each level's samples, percentiles and the report."""

from __future__ import annotations

from dataclasses import dataclass, field

TARGET_USERS = 20
TARGET_PAGES_PER_SECOND = 50.0
TARGET_P95_MS = 300.0


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    weight: int
    signed_in: bool = True


@dataclass
class LevelResult:
    users: int
    seconds: float
    # (page name, response time in ms, failed) for every request in the measured window.
    samples: list[tuple[str, float, bool]] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.samples)

    @property
    def errors(self) -> int:
        return sum(1 for _, _, failed in self.samples if failed)

    @property
    def pages_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    def percentile(self, q: float, page: str | None = None) -> float:
        times = sorted(ms for name, ms, _ in self.samples if page is None or name == page)
        return percentile(times, q)

    def meets_target(self) -> bool:
        return (
            self.errors == 0
            and self.pages_per_second >= TARGET_PAGES_PER_SECOND
            and self.percentile(95) < TARGET_P95_MS
        )


def percentile(sorted_times: list[float], q: float) -> float:
    """The nearest-rank percentile (q in 0..100) of times already sorted; NaN for none."""
    if not sorted_times:
        return float("nan")
    rank = max(1, -(-len(sorted_times) * q // 100))  # ceil(n q / 100), at least 1
    return sorted_times[min(len(sorted_times), int(rank)) - 1]


def report_line(result: LevelResult) -> str:
    return (
        f"{result.users:>5}  {result.pages_per_second:>7.1f}  {result.percentile(50):>6.0f}"
        f"  {result.percentile(95):>6.0f}  {result.percentile(99):>6.0f}"
        f"  {result.errors:>6}  {result.requests:>8}"
    )


def print_report(results: list[LevelResult], pages: list[Page]) -> None:
    print()
    print("users  pages/s  p50 ms  p95 ms  p99 ms  errors  requests")
    for result in results:
        target = ""
        if result.users == TARGET_USERS:
            verdict = "met" if result.meets_target() else "MISSED"
            target = (
                f"   target: >= {TARGET_PAGES_PER_SECOND:.0f} pages/s, "
                f"p95 < {TARGET_P95_MS:.0f} ms, no errors: {verdict}"
            )
        print(report_line(result) + target)
    if all(result.users != TARGET_USERS for result in results):
        print(
            f"(the target is for {TARGET_USERS} users: >= {TARGET_PAGES_PER_SECOND:.0f} "
            f"pages/s with p95 < {TARGET_P95_MS:.0f} ms)"
        )
    print()
    print("p50 / p95 ms by page:")
    print(f"{'page':<16}" + "".join(f"{f'{r.users} users':>18}" for r in results))
    for page in pages:
        cells = "".join(
            f"{f'{r.percentile(50, page.name):.0f} / {r.percentile(95, page.name):.0f}':>18}"
            for r in results
        )
        print(f"{page.name:<16}{cells}")
