DEMO_PASSWORD = "x"
DEMO_ACCOUNTS: list[tuple[str, str, str]] = []


def load_demo(size: str = "small", reset: bool = False, seed: int = 2026) -> str:
    raise NotImplementedError
