"""The demo science museum (城市科学技术馆) that ``manage.py load_demo`` fills in.

Not an app: plain modules the command calls. ``loader`` writes, ``summary`` reads.
"""
