from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmark tooling: the synthetic-data generator (``generate_synthetic``)."""

    name = "bench"
    verbose_name = "Benchmarks"
