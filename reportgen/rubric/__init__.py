"""The assessment frameworks as data: one module per framework.

Ids are the public names of ``shared/spec/answers-format.md``; labels and
explanations are English msgids. Nothing here formats, scores or translates.
Each module lists in ``MESSAGE_ROOTS`` the names whose strings are messages.
"""
