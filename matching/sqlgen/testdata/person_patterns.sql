SELECT rules, "g.given_name", "g.family_name", "g.date_of_birth", "g.sex", "g.nhs_number", "g.ni_number", "g.email", "g.phone", "g.address", "g.locality", "g.town", "g.attr.ref", count(*) AS n
FROM "_m_gammas"
GROUP BY rules, "g.given_name", "g.family_name", "g.date_of_birth", "g.sex", "g.nhs_number", "g.ni_number", "g.email", "g.phone", "g.address", "g.locality", "g.town", "g.attr.ref"
-- args:
