"""A module's housekeeping around two math functions, written for GradLens's quiet tests: option
parsing, logging configured from a dict, a dataclass, typing overloads, __all__, imports guarded by
try/except ImportError and by `if TYPE_CHECKING:`. None of it is anything GradLens should report."""
from __future__ import annotations

import argparse
import logging
import logging.config
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional, overload, Union, List

try:
    import numpy as np
except ImportError:  # pragma: no cover
    np = None

try:
    from scipy.special import expit
except ImportError:
    def expit(x):
        return 1.0 / (1.0 + np.exp(-x))

if TYPE_CHECKING:
    from collections.abc import Sequence
    from .types import ArrayLike

__all__ = ["sigmoid_loss", "Config", "main"]
__version__ = "1.2.3"

logger = logging.getLogger(__name__)

LOGGING = {
    "version": 1,
    "handlers": {"console": {"class": "logging.StreamHandler", "level": "INFO"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
logging.config.dictConfig(LOGGING)


@dataclass
class Config:
    lr: float = 0.1
    epochs: int = 10
    tags: List[str] = field(default_factory=list)
    name: Optional[str] = None


@overload
def scale(x: float) -> float: ...
@overload
def scale(x: np.ndarray) -> np.ndarray: ...
def scale(x):
    return 2.0 * x


def sigmoid_loss(w: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    """Mean logistic loss; x has shape (n, d), w shape (d,), y in {0, 1}."""
    z = x @ w
    p = expit(z)
    logger.debug("loss at %s", w)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser.parse_args(argv)


def setup_logging(verbose: bool) -> None:
    level = logging.DEBUG if verbose else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)


def main(argv: Union[List[str], None] = None) -> int:
    args = parse_args(argv)
    setup_logging(args.verbose)
    cfg = Config(lr=args.lr, epochs=args.epochs)
    logger.info("config %s", cfg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
