"""Liveness and readiness for the load balancer and the operator."""
