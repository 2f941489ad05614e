SELECT device_count, received_at FROM reports WHERE tenant_id = :tenant AND report_id = :reportId
