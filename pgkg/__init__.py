"""pgkg: the platform-governance knowledge graph.

One import package mapped onto the stage folders of the repository:

* ``pgkg.ontology`` (``ontology/``): the Turtle ontology, SHACL shapes, lexicon.
* ``pgkg.ingest`` (``ingest/``): raw page -> clean article -> facts.
* ``pgkg.graph`` (``graph/``): facts -> RDF store, resolution, SPARQL, exports.
* ``pgkg.viz`` (``viz/``): store -> interactive offline HTML.
* ``pgkg.cli`` / ``pgkg.pipeline`` (``pgkg/``): the command line and the glue.
"""

__version__ = "0.1.0"
