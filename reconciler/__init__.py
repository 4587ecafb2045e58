"""interviews-as-code: JobMojito interviews as YAML files in git.

The pipeline runs one way (DESIGN.md section 1)::

    load (YAML -> desired)   fetch (API -> live)
               \\             /
                plan (pure: desired x live -> Plan)
               /        |         \\
     render text   render markdown   render json      apply (Plan -> API calls)
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
