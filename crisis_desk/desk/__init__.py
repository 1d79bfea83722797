"""The desk's workflow: people and PINs, profiles, incidents, documents, approval, audit.

Every rule of who may do what lives here, whatever the interface (app or command line).
"""
