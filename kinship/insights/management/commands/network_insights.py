"""python manage.py network_insights INPUT.json [--output OUT.json]: each school's and each
family's exchange figures (kinship.insights.network), as JSON.

The input names the schools (with their families), the exchanges (`from` gives to `to`, of a
`kind`, on a `date`) and the window counted; see kinship.insights.network_input. "-" reads it
from standard input. Output: `{"schools": [{"id", "given", "received", "balance",
"partners", "isolated", "inward", "betweenness"}], "families": [{"id", "schools", "density",
"isolated"}]}`, where a family's `schools` is how many it has and `isolated` lists the ids of
those with no exchange. Bad input is one line on standard error, exit 2. When the network is
too large for exact betweenness, a line on standard error says it was estimated.
"""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from kinship.core.command_input import input_failure, read_json
from kinship.insights.network import EXACT_LIMIT, SAMPLES, figures, figures_to_json
from kinship.insights.network_input import NetworkError, parse_network


class Command(BaseCommand):
    help = "Each school's exchanges given and received, partners and place in the network."
    requires_system_checks = []  # pure computation: a half-configured site can still run it

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("input", help='the network (JSON), or "-" for standard input')
        parser.add_argument("--output", help="write the figures here instead of standard output")
        parser.add_argument(
            "--exact-limit",
            type=int,
            default=EXACT_LIMIT,
            help="largest network (schools that exchanged) whose betweenness is exact",
        )
        parser.add_argument(
            "--samples", type=int, default=SAMPLES, help="source schools for the estimate above it"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["input"]
        try:
            network = parse_network(read_json(path))
        except NetworkError as error:
            raise input_failure(path, str(error)) from None
        result = figures(network, exact_limit=options["exact_limit"], samples=options["samples"])
        if result.betweenness_sources is not None:
            self.stderr.write(
                f"betweenness estimated from {result.betweenness_sources} source schools"
            )
        output = json.dumps(figures_to_json(result), indent=2)
        if options["output"] is None:
            self.stdout.write(output)
            return
        try:
            Path(options["output"]).write_text(output + "\n", encoding="utf-8")
        except OSError as error:
            raise input_failure(options["output"], f"cannot write it ({error.strerror})") from None
