"""newsreader: a terminal news reader for Boda VSB ("Visual SiteBuilder") news sites."""

__version__ = "0.1.0"
