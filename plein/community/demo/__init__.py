"""The demo organisation's community: groups, posts, comments, reactions and follows.

Load the people demo first (`plein.people.demo.load_demo`); this fills its community.
"""

from plein.community.demo.generator import load_community_demo

__all__ = ["load_community_demo"]
