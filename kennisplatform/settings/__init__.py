"""Settings: ``base`` holds everything, ``dev`` is for local runs and tests, ``production``
adds the hardening a deployed site needs and refuses to start when it is unsafe."""
