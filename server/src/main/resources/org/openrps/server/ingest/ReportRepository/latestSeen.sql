SELECT make, serial, last_seen FROM devices WHERE tenant_id = :tenant AND serial IN (<serials>)
