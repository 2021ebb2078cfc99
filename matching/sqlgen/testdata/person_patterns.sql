SELECT kept, p, "g.given_name", "g.family_name", "g.date_of_birth", "g.sex", "g.nhs_number", "g.ni_number", "g.email", "g.phone", "g.address", "g.locality", "g.town", "g.attr.ref", count(*) AS n
FROM (SELECT *, c.rules AS kept, 1.0 AS p
  FROM (SELECT *, 0.0 AS h FROM "_m_gammas" c) c)
WHERE kept <> 0
GROUP BY kept, p, "g.given_name", "g.family_name", "g.date_of_birth", "g.sex", "g.nhs_number", "g.ni_number", "g.email", "g.phone", "g.address", "g.locality", "g.town", "g.attr.ref"
-- args:
