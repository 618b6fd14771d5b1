"""Open Badges 3.0 credentials for certificates: a W3C Verifiable Credential secured as a
VC-JWT (VC-JOSE, EdDSA over Ed25519), revocation in a Bitstring Status List, and badge
images with the credential baked in. ``keys`` loads the signing key and the published key
set, ``openbadge`` builds the documents, ``signing`` signs and checks them,
``status_list`` encodes revocations, ``baking`` reads and writes PNG chunks and
``inspection`` tells what an uploaded file is. The JSON-LD contexts the documents name are
bundled in ``contexts/``: nothing is ever fetched to sign or verify."""
