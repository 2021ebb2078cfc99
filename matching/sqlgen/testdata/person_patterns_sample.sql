SELECT kept, p, "g.given_name", "g.family_name", "g.date_of_birth", "g.sex", "g.nhs_number", "g.ni_number", "g.email", "g.phone", "g.address", "g.locality", "g.town", "g.attr.ref", count(*) AS n
FROM (SELECT *, c.rules & (262131 | CASE WHEN h < $2 THEN (CAST(1 AS BIGINT) << 2) ELSE 0 END | CASE WHEN h < $3 THEN (CAST(1 AS BIGINT) << 3) ELSE 0 END) AS kept, greatest(CASE WHEN c.rules & (CAST(1 AS BIGINT) << 0) <> 0 THEN $4 ELSE 0.0 END, CASE WHEN c.rules & (CAST(1 AS BIGINT) << 1) <> 0 THEN $5 ELSE 0.0 END, CASE WHEN c.rules & (CAST(1 AS BIGINT) << 2) <> 0 THEN $6 ELSE 0.0 END, CASE WHEN c.rules & (CAST(1 AS BIGINT) << 4) <> 0 THEN $7 ELSE 0.0 END, CASE WHEN c.rules & (CAST(1 AS BIGINT) << 5) <> 0 THEN $8 ELSE 0.0 END, CASE WHEN c.rules & (CAST(1 AS BIGINT) << 6) <> 0 THEN $9 ELSE 0.0 END, CASE WHEN c.rules & (CAST(1 AS BIGINT) << 7) <> 0 THEN $10 ELSE 0.0 END, CASE WHEN c.rules & (CAST(1 AS BIGINT) << 8) <> 0 THEN $11 ELSE 0.0 END, CASE WHEN c.rules & (CAST(1 AS BIGINT) << 9) <> 0 THEN $12 ELSE 0.0 END, CASE WHEN c.rules & (CAST(1 AS BIGINT) << 12) <> 0 THEN $13 ELSE 0.0 END, CASE WHEN c.rules & (CAST(1 AS BIGINT) << 13) <> 0 THEN $14 ELSE 0.0 END, CASE WHEN c.rules & (CAST(1 AS BIGINT) << 14) <> 0 THEN $15 ELSE 0.0 END, CASE WHEN c.rules & (CAST(1 AS BIGINT) << 15) <> 0 THEN $16 ELSE 0.0 END, CASE WHEN c.rules & (CAST(1 AS BIGINT) << 16) <> 0 THEN $17 ELSE 0.0 END, CASE WHEN c.rules & (CAST(1 AS BIGINT) << 17) <> 0 THEN $18 ELSE 0.0 END) AS p
  FROM (SELECT *, CAST(hash(c.rid_l, c.rid_r, $1) >> 11 AS DOUBLE) / 9007199254740992.0 AS h FROM "_m_gammas" c) c)
WHERE kept <> 0
GROUP BY kept, p, "g.given_name", "g.family_name", "g.date_of_birth", "g.sex", "g.nhs_number", "g.ni_number", "g.email", "g.phone", "g.address", "g.locality", "g.town", "g.attr.ref"
-- args:
-- $1 = 1
-- $2 = 0.5
-- $3 = 0.25
-- $4 = 1
-- $5 = 1
-- $6 = 0.5
-- $7 = 1
-- $8 = 1
-- $9 = 1
-- $10 = 1
-- $11 = 1
-- $12 = 1
-- $13 = 1
-- $14 = 1
-- $15 = 1
-- $16 = 1
-- $17 = 1
-- $18 = 1
