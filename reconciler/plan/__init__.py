"""Stage 2, plan: desired x live -> Plan (pure), plus discovery (the fetch stage's I/O)."""
