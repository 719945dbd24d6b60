-- Biểu số 06, columns 3-13 and online per level, per field: the hand-written reference for
-- `make bench` (reports/figures.py states the rules; this must give the very same numbers).
-- Parameters: ids (the agencies of the subtree), S and E (the period is S <= t < E), as_of
-- (min(E, now)), tz (settings.TIME_ZONE).
-- Each dossier is classified once in the inner query; the outer one pivots the few groups.
SELECT field_id,
       sum(n)                                                    AS received,
       sum(n) FILTER (WHERE intake = 4)                          AS online,
       sum(n) FILTER (WHERE intake = 5)                          AS direct,
       sum(n) FILTER (WHERE intake = 6)                          AS carried,
       sum(n) FILTER (WHERE outcome IN (8, 9, 10))               AS resolved,
       sum(n) FILTER (WHERE outcome = 8)                         AS early,
       sum(n) FILTER (WHERE outcome = 9)                         AS on_time,
       sum(n) FILTER (WHERE outcome = 10)                        AS late,
       sum(n) FILTER (WHERE outcome IN (12, 13))                 AS pending,
       sum(n) FILTER (WHERE outcome = 12)                        AS within,
       sum(n) FILTER (WHERE outcome = 13)                        AS overdue,
       sum(n) FILTER (WHERE intake = 4 AND online_level = 'partial') AS online_partial,
       sum(n) FILTER (WHERE intake = 4 AND online_level = 'full')    AS online_full
FROM (
    SELECT p.field_id,
           CASE WHEN d.online_level = 'full'
                     AND (d.fee_status IN ('not_required', 'exempt')
                          OR (d.fee_paid_online AND d.fee_paid_at < %(E)s))
                     AND ((d.signed_result_id IS NOT NULL AND d.finished_at < %(E)s)
                          OR (d.result_delivery = 'postal' AND d.returned_at < %(E)s))
                THEN 'full'
                WHEN d.online_level IN ('partial', 'full') THEN 'partial'
                ELSE '' END AS online_level,  -- Decision 766 as of E (reports/levels.py)
           CASE WHEN d.accepted_at < %(S)s THEN 6
                WHEN d.channel = 'online' THEN 4
                ELSE 5 END AS intake,
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
           END AS outcome,
           count(*) AS n
    FROM dossiers_dossier d
    JOIN procedures_procedure p ON p.id = d.procedure_id
    WHERE d.agency_id = ANY(%(ids)s)
      AND d.accepted_at < %(E)s
      AND (COALESCE(d.finished_at, d.stopped_at, d.withdrawn_at) IS NULL
           OR COALESCE(d.finished_at, d.stopped_at, d.withdrawn_at) >= %(S)s)
    GROUP BY 1, 2, 3, 4
) AS classified
GROUP BY field_id
ORDER BY field_id
