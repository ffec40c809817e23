"""README's screenshots come from a command that anyone can run again on the demo content."""

import struct

import pytest
from django.core.management import call_command

from reviews.models import Submission

pytestmark = pytest.mark.browser


def png_size(path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_the_command_takes_both_screenshots_and_leaves_the_database_as_it_was(tmp_path, published_demo):
    submissions = Submission.objects.count()
    call_command("screenshots", output=str(tmp_path))
    assert png_size(tmp_path / "drug-page.png") == (1280, 900)
    assert png_size(tmp_path / "review-screen.png") == (1280, 900)
    assert Submission.objects.count() == submissions, "the review screen's submission is rolled back"
