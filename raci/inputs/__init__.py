"""Readers of what a person gives raci: catalogues, profiles, role mappings, logos, manifests, workbooks."""
