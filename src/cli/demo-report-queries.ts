/** What `demo --streams reports` shows: the answers the reporting datasets give, as SQL over the demo database. */
export const DEMO_REPORT_QUERIES: { title: string; sql: string }[] = [
  {
    title: "SLA hit rate by team and week",
    sql: `SELECT team_assigned AS team, strftime('%Y-W%W', sla_applied_at, 'unixepoch') AS week, count(*) AS slas,
round(100.0 * sum(sla_status = 'Hit') / sum(sla_status IN ('Hit', 'Missed')), 1) AS hit_rate_pct
FROM report_conversation_sla_status_log_live GROUP BY team, week ORDER BY week DESC, team LIMIT 12;`,
  },
  {
    title: "Median first response time in office hours (minutes)",
    sql: `WITH r AS (SELECT first_response_time_office_hours AS t, row_number() OVER (ORDER BY first_response_time_office_hours) AS n,
count(*) OVER () AS c FROM report_conversation_live WHERE first_response_time_office_hours IS NOT NULL)
SELECT round(avg(t) / 60.0, 1) AS median_minutes FROM r WHERE n IN ((c + 1) / 2, (c + 2) / 2);`,
  },
  {
    title: "Handling time per teammate",
    sql: `SELECT teammate, teammate_raw_id, count(*) AS conversations, round(sum(handling_time) / 3600.0, 1) AS hours,
round(avg(handling_time) / 60.0, 1) AS avg_minutes FROM report_teammate_handling_conversation_live
WHERE handling_time IS NOT NULL GROUP BY teammate_raw_id ORDER BY hours DESC LIMIT 10;`,
  },
];
