-- The same columns as bieu06.sql, written the first way that comes to mind: one
-- COUNT(*) FILTER per column. PostgreSQL inlines the CTE, so the outcome CASE is evaluated
-- once per column that reads it. Measured by `make bench` for comparison only.
WITH classified AS (
    SELECT p.field_id,
           CASE WHEN d.online_level = 'full'
                     AND (d.fee_status IN ('not_required', 'exempt')
                          OR (d.fee_paid_online AND d.fee_paid_at < %(E)s))
                     AND ((d.signed_result_id IS NOT NULL AND d.finished_at < %(E)s)
                          OR (d.result_delivery = 'postal' AND d.returned_at < %(E)s))
                THEN 'full'
                WHEN d.online_level IN ('partial', 'full') THEN 'partial'
                ELSE '' END AS online_level,  -- Decision 766 as of E (reports/levels.py)
           d.channel,
           d.accepted_at,
           COALESCE(d.finished_at, d.stopped_at, d.withdrawn_at) AS ended_at,
           CASE WHEN COALESCE(d.finished_at, d.stopped_at, d.withdrawn_at) < %(E)s THEN
                CASE WHEN d.supplement_count >= 2 THEN 10
                     WHEN d.finished_at IS NULL AND d.stopped_at IS NULL THEN 9
                     WHEN d.apology_issued_at < %(E)s THEN 10
                     WHEN d.supplement_requested_at < %(E)s
                          AND d.supplement_requested_at > d.due_at_request THEN 10
                     WHEN (COALESCE(d.finished_at, d.stopped_at) AT TIME ZONE %(tz)s)::date
                          < (d.original_due_at AT TIME ZONE %(tz)s)::date THEN 8
                     WHEN (COALESCE(d.finished_at, d.stopped_at) AT TIME ZONE %(tz)s)::date
                          > (d.original_due_at AT TIME ZONE %(tz)s)::date THEN 10
                     ELSE 9 END
           ELSE
                CASE WHEN d.supplement_count >= 2 AND d.supplement_requested_at < %(E)s THEN 13
                     WHEN d.apology_issued_at < %(E)s THEN 13
                     WHEN d.supplement_requested_at < %(E)s
                          AND d.supplement_requested_at > d.due_at_request THEN 13
                     WHEN d.supplement_requested_at < %(E)s
                          AND (d.supplement_received_at IS NULL
                               OR d.supplement_received_at >= %(E)s) THEN 12
                     WHEN CASE WHEN d.supplement_received_at >= %(E)s THEN d.due_at_request
                               ELSE d.original_due_at END < %(as_of)s THEN 13
                     ELSE 12 END
           END AS outcome
    FROM dossiers_dossier d
    JOIN procedures_procedure p ON p.id = d.procedure_id
    WHERE d.agency_id = ANY(%(ids)s)
      AND d.accepted_at < %(E)s
      AND (COALESCE(d.finished_at, d.stopped_at, d.withdrawn_at) IS NULL
           OR COALESCE(d.finished_at, d.stopped_at, d.withdrawn_at) >= %(S)s)
)
SELECT field_id,
       count(*)                                                             AS received,
       count(*) FILTER (WHERE accepted_at >= %(S)s AND channel = 'online')  AS online,
       count(*) FILTER (WHERE accepted_at >= %(S)s AND channel <> 'online') AS direct,
       count(*) FILTER (WHERE accepted_at < %(S)s)                          AS carried,
       count(*) FILTER (WHERE ended_at < %(E)s)                             AS resolved,
       count(*) FILTER (WHERE outcome = 8)                                  AS early,
       count(*) FILTER (WHERE outcome = 9)                                  AS on_time,
       count(*) FILTER (WHERE outcome = 10)                                 AS late,
       count(*) FILTER (WHERE ended_at IS NULL OR ended_at >= %(E)s)        AS pending,
       count(*) FILTER (WHERE outcome = 12)                                 AS within,
       count(*) FILTER (WHERE outcome = 13)                                 AS overdue,
       count(*) FILTER (WHERE accepted_at >= %(S)s AND channel = 'online'
                        AND online_level = 'partial')                       AS online_partial,
       count(*) FILTER (WHERE accepted_at >= %(S)s AND channel = 'online'
                        AND online_level = 'full')                          AS online_full
FROM classified
GROUP BY field_id
ORDER BY field_id
