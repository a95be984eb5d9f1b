"""Bring Forward / Send Backward step a clip's z_index just past the nearest overlapping picture."""

from __future__ import annotations

import pytest

from editor_app.model import Clip, EditError, ImageAsset, TextAsset, Timeline, Track
from editor_app.ui.editing.layers import stepped_z_index


def timeline() -> Timeline:
    low = Clip(id="low", start=0, duration=2000, asset=ImageAsset(id="img-1"))
    high = Clip(id="high", start=500, duration=1000, asset=TextAsset(text="t"))
    apart = Clip(id="apart", start=5000, duration=1000, asset=TextAsset(text="x"))
    return Timeline(tracks=[Track(z_index=0, clips=[low]), Track(z_index=1, clips=[high, apart])])


def test_forward_passes_the_clip_above_and_backward_goes_under() -> None:
    tl = timeline()
    assert stepped_z_index(tl, "low", forward=True) == 2  # layer 2 beats the text's layer 1
    tl.clip("low").z_index = 2
    assert stepped_z_index(tl, "low", forward=False) == 1  # layer 1 ties, and track order puts it under
    assert stepped_z_index(tl, "high", forward=True) == 1  # on the later track a tie at layer 2 is above
    with pytest.raises(EditError, match="already in front"):
        stepped_z_index(timeline(), "high", forward=True)
    with pytest.raises(EditError, match="already behind"):
        stepped_z_index(timeline(), "apart", forward=False)
