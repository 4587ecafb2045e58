"""The one compiled part: the spec reader's fast path (reconciler/spec/_fastyaml.c).

Optional: without a C compiler or libyaml's headers the install goes on without it, and
every spec is read with PyYAML (reconciler/spec/yamlfast.py), with the same results.
"""

from setuptools import Extension
from setuptools import setup

setup(
    ext_modules=[
        Extension(
            "reconciler.spec._fastyaml",
            sources=["reconciler/spec/_fastyaml.c"],
            libraries=["yaml"],
            optional=True,
        )
    ]
)
