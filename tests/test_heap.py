import sys

import pytest

from mtcheck.score.heap import return_free_memory


@pytest.mark.skipif(sys.platform != "linux", reason="malloc_trim is glibc's")
def test_freed_memory_is_handed_back_on_glibc():
    assert return_free_memory() is True
