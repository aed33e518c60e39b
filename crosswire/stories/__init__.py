"""Articles -> stories: near-duplicates, shared origin and online story clustering.

No database code here: `crosswire.store` persists `StoryFeatures` rows and story
ids, and rebuilds a `StoryIndex` from them.
"""

from crosswire.stories.cluster import Assignment, ClusterSettings, StoryIndex, arrival_order, arrival_order_of
from crosswire.stories.features import DIM, StoryFeatures, features_from_row, features_to_row, story_features

__all__ = [
    "DIM",
    "Assignment",
    "ClusterSettings",
    "StoryFeatures",
    "StoryIndex",
    "arrival_order",
    "arrival_order_of",
    "features_from_row",
    "features_to_row",
    "story_features",
]
