CREATE OR REPLACE TEMP TABLE "_m_cand" AS
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $1 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $2) = left(r."given", $3) AND left(l."family", $4) = left(r."family", $5) AND left(l."dob", $6) = left(r."dob", $7), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $8) = left(r."dob", $9), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."nhs" = r."nhs" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $10 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $11) = left(r."given", $12) AND left(l."family", $13) = left(r."family", $14) AND left(l."dob", $15) = left(r."dob", $16), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $17) = left(r."dob", $18), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."nhs" = r."nhs" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $19 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $20) = left(r."given", $21) AND left(l."family", $22) = left(r."family", $23) AND left(l."dob", $24) = left(r."dob", $25), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $26) = left(r."dob", $27), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."ni" = r."ni" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $28 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $29) = left(r."given", $30) AND left(l."family", $31) = left(r."family", $32) AND left(l."dob", $33) = left(r."dob", $34), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $35) = left(r."dob", $36), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."ni" = r."ni" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $37 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $38) = left(r."given", $39) AND left(l."family", $40) = left(r."family", $41) AND left(l."dob", $42) = left(r."dob", $43), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $44) = left(r."dob", $45), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $46 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $47) = left(r."given", $48) AND left(l."family", $49) = left(r."family", $50) AND left(l."dob", $51) = left(r."dob", $52), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $53) = left(r."dob", $54), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $55 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $56) = left(r."given", $57) AND left(l."family", $58) = left(r."family", $59) AND left(l."dob", $60) = left(r."dob", $61), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $62) = left(r."dob", $63), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."dob" = r."dob" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $64 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $65) = left(r."given", $66) AND left(l."family", $67) = left(r."family", $68) AND left(l."dob", $69) = left(r."dob", $70), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $71) = left(r."dob", $72), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."dob" = r."dob" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $73 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $74) = left(r."given", $75) AND left(l."family", $76) = left(r."family", $77) AND left(l."dob", $78) = left(r."dob", $79), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $80) = left(r."dob", $81), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."dob" = r."dob" AND l."given_sx" = r."given_sx" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $82 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $83) = left(r."given", $84) AND left(l."family", $85) = left(r."family", $86) AND left(l."dob", $87) = left(r."dob", $88), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $89) = left(r."dob", $90), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."dob" = r."dob" AND l."given_sx" = r."given_sx" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $91 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $92) = left(r."given", $93) AND left(l."family", $94) = left(r."family", $95) AND left(l."dob", $96) = left(r."dob", $97), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $98) = left(r."dob", $99), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."dob" = r."dob" AND l."names_sx" = r."names_sx" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $100 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $101) = left(r."given", $102) AND left(l."family", $103) = left(r."family", $104) AND left(l."dob", $105) = left(r."dob", $106), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $107) = left(r."dob", $108), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."dob" = r."dob" AND l."names_sx" = r."names_sx" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $109 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $110) = left(r."given", $111) AND left(l."family", $112) = left(r."family", $113) AND left(l."dob", $114) = left(r."dob", $115), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $116) = left(r."dob", $117), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."dob" = r."dob" AND l."pc" = r."pc" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $118 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $119) = left(r."given", $120) AND left(l."family", $121) = left(r."family", $122) AND left(l."dob", $123) = left(r."dob", $124), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $125) = left(r."dob", $126), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."dob" = r."dob" AND l."pc" = r."pc" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $127 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $128) = left(r."given", $129) AND left(l."family", $130) = left(r."family", $131) AND left(l."dob", $132) = left(r."dob", $133), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $134) = left(r."dob", $135), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."dob" = r."dob" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $136 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $137) = left(r."given", $138) AND left(l."family", $139) = left(r."family", $140) AND left(l."dob", $141) = left(r."dob", $142), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $143) = left(r."dob", $144), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."dob" = r."dob" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $145 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $146) = left(r."given", $147) AND left(l."family", $148) = left(r."family", $149) AND left(l."dob", $150) = left(r."dob", $151), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $152) = left(r."dob", $153), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."names_sx" = r."names_sx" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $154 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $155) = left(r."given", $156) AND left(l."family", $157) = left(r."family", $158) AND left(l."dob", $159) = left(r."dob", $160), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $161) = left(r."dob", $162), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."names_sx" = r."names_sx" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $163 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $164) = left(r."given", $165) AND left(l."family", $166) = left(r."family", $167) AND left(l."dob", $168) = left(r."dob", $169), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $170) = left(r."dob", $171), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."pc" = r."pc" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $172 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $173) = left(r."given", $174) AND left(l."family", $175) = left(r."family", $176) AND left(l."dob", $177) = left(r."dob", $178), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $179) = left(r."dob", $180), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."pc" = r."pc" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $181 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $182) = left(r."given", $183) AND left(l."family", $184) = left(r."family", $185) AND left(l."dob", $186) = left(r."dob", $187), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $188) = left(r."dob", $189), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."house" = r."house" AND l."street" = r."street" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $190 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $191) = left(r."given", $192) AND left(l."family", $193) = left(r."family", $194) AND left(l."dob", $195) = left(r."dob", $196), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $197) = left(r."dob", $198), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."house" = r."house" AND l."street" = r."street" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $199 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $200) = left(r."given", $201) AND left(l."family", $202) = left(r."family", $203) AND left(l."dob", $204) = left(r."dob", $205), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $206) = left(r."dob", $207), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON left(l."given", $208) = left(r."given", $209) AND left(l."family", $210) = left(r."family", $211) AND left(l."dob", $212) = left(r."dob", $213) AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."house" = r."house" AND l."street" = r."street", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $214 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $215) = left(r."given", $216) AND left(l."family", $217) = left(r."family", $218) AND left(l."dob", $219) = left(r."dob", $220), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $221) = left(r."dob", $222), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON left(l."given", $223) = left(r."given", $224) AND left(l."family", $225) = left(r."family", $226) AND left(l."dob", $227) = left(r."dob", $228) AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."house" = r."house" AND l."street" = r."street", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $229 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $230) = left(r."given", $231) AND left(l."family", $232) = left(r."family", $233) AND left(l."dob", $234) = left(r."dob", $235), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $236) = left(r."dob", $237), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."family" = r."family" AND left(l."dob", $238) = left(r."dob", $239) AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."house" = r."house" AND l."street" = r."street", false)
  AND NOT coalesce(left(l."given", $240) = left(r."given", $241) AND left(l."family", $242) = left(r."family", $243) AND left(l."dob", $244) = left(r."dob", $245), false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $246 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $247) = left(r."given", $248) AND left(l."family", $249) = left(r."family", $250) AND left(l."dob", $251) = left(r."dob", $252), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $253) = left(r."dob", $254), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."family" = r."family" AND left(l."dob", $255) = left(r."dob", $256) AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."house" = r."house" AND l."street" = r."street", false)
  AND NOT coalesce(left(l."given", $257) = left(r."given", $258) AND left(l."family", $259) = left(r."family", $260) AND left(l."dob", $261) = left(r."dob", $262), false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $263 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $264) = left(r."given", $265) AND left(l."family", $266) = left(r."family", $267) AND left(l."dob", $268) = left(r."dob", $269), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $270) = left(r."dob", $271), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."house" = r."house" AND l."street" = r."street", false)
  AND NOT coalesce(left(l."given", $272) = left(r."given", $273) AND left(l."family", $274) = left(r."family", $275) AND left(l."dob", $276) = left(r."dob", $277), false)
  AND NOT coalesce(l."family" = r."family" AND left(l."dob", $278) = left(r."dob", $279), false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $280 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $281) = left(r."given", $282) AND left(l."family", $283) = left(r."family", $284) AND left(l."dob", $285) = left(r."dob", $286), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $287) = left(r."dob", $288), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."house" = r."house" AND l."street" = r."street", false)
  AND NOT coalesce(left(l."given", $289) = left(r."given", $290) AND left(l."family", $291) = left(r."family", $292) AND left(l."dob", $293) = left(r."dob", $294), false)
  AND NOT coalesce(l."family" = r."family" AND left(l."dob", $295) = left(r."dob", $296), false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $297 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $298) = left(r."given", $299) AND left(l."family", $300) = left(r."family", $301) AND left(l."dob", $302) = left(r."dob", $303), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $304) = left(r."dob", $305), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."email" = r."email" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."house" = r."house" AND l."street" = r."street", false)
  AND NOT coalesce(left(l."given", $306) = left(r."given", $307) AND left(l."family", $308) = left(r."family", $309) AND left(l."dob", $310) = left(r."dob", $311), false)
  AND NOT coalesce(l."family" = r."family" AND left(l."dob", $312) = left(r."dob", $313), false)
  AND NOT coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $314 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $315) = left(r."given", $316) AND left(l."family", $317) = left(r."family", $318) AND left(l."dob", $319) = left(r."dob", $320), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $321) = left(r."dob", $322), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."email" = r."email" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."house" = r."house" AND l."street" = r."street", false)
  AND NOT coalesce(left(l."given", $323) = left(r."given", $324) AND left(l."family", $325) = left(r."family", $326) AND left(l."dob", $327) = left(r."dob", $328), false)
  AND NOT coalesce(l."family" = r."family" AND left(l."dob", $329) = left(r."dob", $330), false)
  AND NOT coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $331 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $332) = left(r."given", $333) AND left(l."family", $334) = left(r."family", $335) AND left(l."dob", $336) = left(r."dob", $337), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $338) = left(r."dob", $339), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."email_user" = r."email_user" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."house" = r."house" AND l."street" = r."street", false)
  AND NOT coalesce(left(l."given", $340) = left(r."given", $341) AND left(l."family", $342) = left(r."family", $343) AND left(l."dob", $344) = left(r."dob", $345), false)
  AND NOT coalesce(l."family" = r."family" AND left(l."dob", $346) = left(r."dob", $347), false)
  AND NOT coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."email" = r."email", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $348 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $349) = left(r."given", $350) AND left(l."family", $351) = left(r."family", $352) AND left(l."dob", $353) = left(r."dob", $354), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $355) = left(r."dob", $356), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."email_user" = r."email_user" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."house" = r."house" AND l."street" = r."street", false)
  AND NOT coalesce(left(l."given", $357) = left(r."given", $358) AND left(l."family", $359) = left(r."family", $360) AND left(l."dob", $361) = left(r."dob", $362), false)
  AND NOT coalesce(l."family" = r."family" AND left(l."dob", $363) = left(r."dob", $364), false)
  AND NOT coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."email" = r."email", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $365 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $366) = left(r."given", $367) AND left(l."family", $368) = left(r."family", $369) AND left(l."dob", $370) = left(r."dob", $371), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $372) = left(r."dob", $373), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."phone" = r."phone" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."house" = r."house" AND l."street" = r."street", false)
  AND NOT coalesce(left(l."given", $374) = left(r."given", $375) AND left(l."family", $376) = left(r."family", $377) AND left(l."dob", $378) = left(r."dob", $379), false)
  AND NOT coalesce(l."family" = r."family" AND left(l."dob", $380) = left(r."dob", $381), false)
  AND NOT coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."email" = r."email", false)
  AND NOT coalesce(l."email_user" = r."email_user", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $382 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $383) = left(r."given", $384) AND left(l."family", $385) = left(r."family", $386) AND left(l."dob", $387) = left(r."dob", $388), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $389) = left(r."dob", $390), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."phone" = r."phone" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
  AND NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
  AND NOT coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."house" = r."house" AND l."street" = r."street", false)
  AND NOT coalesce(left(l."given", $391) = left(r."given", $392) AND left(l."family", $393) = left(r."family", $394) AND left(l."dob", $395) = left(r."dob", $396), false)
  AND NOT coalesce(l."family" = r."family" AND left(l."dob", $397) = left(r."dob", $398), false)
  AND NOT coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."email" = r."email", false)
  AND NOT coalesce(l."email_user" = r."email_user", false)
-- args:
-- $1 = "nhs"
-- $2 = 2
-- $3 = 2
-- $4 = 2
-- $5 = 2
-- $6 = 4
-- $7 = 4
-- $8 = 4
-- $9 = 4
-- $10 = "nhs"
-- $11 = 2
-- $12 = 2
-- $13 = 2
-- $14 = 2
-- $15 = 4
-- $16 = 4
-- $17 = 4
-- $18 = 4
-- $19 = "ni"
-- $20 = 2
-- $21 = 2
-- $22 = 2
-- $23 = 2
-- $24 = 4
-- $25 = 4
-- $26 = 4
-- $27 = 4
-- $28 = "ni"
-- $29 = 2
-- $30 = 2
-- $31 = 2
-- $32 = 2
-- $33 = 4
-- $34 = 4
-- $35 = 4
-- $36 = 4
-- $37 = "given_dm+family_dm"
-- $38 = 2
-- $39 = 2
-- $40 = 2
-- $41 = 2
-- $42 = 4
-- $43 = 4
-- $44 = 4
-- $45 = 4
-- $46 = "given_dm+family_dm"
-- $47 = 2
-- $48 = 2
-- $49 = 2
-- $50 = 2
-- $51 = 4
-- $52 = 4
-- $53 = 4
-- $54 = 4
-- $55 = "dob+family_sx"
-- $56 = 2
-- $57 = 2
-- $58 = 2
-- $59 = 2
-- $60 = 4
-- $61 = 4
-- $62 = 4
-- $63 = 4
-- $64 = "dob+family_sx"
-- $65 = 2
-- $66 = 2
-- $67 = 2
-- $68 = 2
-- $69 = 4
-- $70 = 4
-- $71 = 4
-- $72 = 4
-- $73 = "dob+given_sx"
-- $74 = 2
-- $75 = 2
-- $76 = 2
-- $77 = 2
-- $78 = 4
-- $79 = 4
-- $80 = 4
-- $81 = 4
-- $82 = "dob+given_sx"
-- $83 = 2
-- $84 = 2
-- $85 = 2
-- $86 = 2
-- $87 = 4
-- $88 = 4
-- $89 = 4
-- $90 = 4
-- $91 = "dob+names_sx"
-- $92 = 2
-- $93 = 2
-- $94 = 2
-- $95 = 2
-- $96 = 4
-- $97 = 4
-- $98 = 4
-- $99 = 4
-- $100 = "dob+names_sx"
-- $101 = 2
-- $102 = 2
-- $103 = 2
-- $104 = 2
-- $105 = 4
-- $106 = 4
-- $107 = 4
-- $108 = 4
-- $109 = "dob+pc"
-- $110 = 2
-- $111 = 2
-- $112 = 2
-- $113 = 2
-- $114 = 4
-- $115 = 4
-- $116 = 4
-- $117 = 4
-- $118 = "dob+pc"
-- $119 = 2
-- $120 = 2
-- $121 = 2
-- $122 = 2
-- $123 = 4
-- $124 = 4
-- $125 = 4
-- $126 = 4
-- $127 = "dob+house"
-- $128 = 2
-- $129 = 2
-- $130 = 2
-- $131 = 2
-- $132 = 4
-- $133 = 4
-- $134 = 4
-- $135 = 4
-- $136 = "dob+house"
-- $137 = 2
-- $138 = 2
-- $139 = 2
-- $140 = 2
-- $141 = 4
-- $142 = 4
-- $143 = 4
-- $144 = 4
-- $145 = "names_sx+house"
-- $146 = 2
-- $147 = 2
-- $148 = 2
-- $149 = 2
-- $150 = 4
-- $151 = 4
-- $152 = 4
-- $153 = 4
-- $154 = "names_sx+house"
-- $155 = 2
-- $156 = 2
-- $157 = 2
-- $158 = 2
-- $159 = 4
-- $160 = 4
-- $161 = 4
-- $162 = 4
-- $163 = "pc+house"
-- $164 = 2
-- $165 = 2
-- $166 = 2
-- $167 = 2
-- $168 = 4
-- $169 = 4
-- $170 = 4
-- $171 = 4
-- $172 = "pc+house"
-- $173 = 2
-- $174 = 2
-- $175 = 2
-- $176 = 2
-- $177 = 4
-- $178 = 4
-- $179 = 4
-- $180 = 4
-- $181 = "house+street"
-- $182 = 2
-- $183 = 2
-- $184 = 2
-- $185 = 2
-- $186 = 4
-- $187 = 4
-- $188 = 4
-- $189 = 4
-- $190 = "house+street"
-- $191 = 2
-- $192 = 2
-- $193 = 2
-- $194 = 2
-- $195 = 4
-- $196 = 4
-- $197 = 4
-- $198 = 4
-- $199 = "left(given, 2)+left(family, 2)+left(dob, 4)"
-- $200 = 2
-- $201 = 2
-- $202 = 2
-- $203 = 2
-- $204 = 4
-- $205 = 4
-- $206 = 4
-- $207 = 4
-- $208 = 2
-- $209 = 2
-- $210 = 2
-- $211 = 2
-- $212 = 4
-- $213 = 4
-- $214 = "left(given, 2)+left(family, 2)+left(dob, 4)"
-- $215 = 2
-- $216 = 2
-- $217 = 2
-- $218 = 2
-- $219 = 4
-- $220 = 4
-- $221 = 4
-- $222 = 4
-- $223 = 2
-- $224 = 2
-- $225 = 2
-- $226 = 2
-- $227 = 4
-- $228 = 4
-- $229 = "family+left(dob, 4)"
-- $230 = 2
-- $231 = 2
-- $232 = 2
-- $233 = 2
-- $234 = 4
-- $235 = 4
-- $236 = 4
-- $237 = 4
-- $238 = 4
-- $239 = 4
-- $240 = 2
-- $241 = 2
-- $242 = 2
-- $243 = 2
-- $244 = 4
-- $245 = 4
-- $246 = "family+left(dob, 4)"
-- $247 = 2
-- $248 = 2
-- $249 = 2
-- $250 = 2
-- $251 = 4
-- $252 = 4
-- $253 = 4
-- $254 = 4
-- $255 = 4
-- $256 = 4
-- $257 = 2
-- $258 = 2
-- $259 = 2
-- $260 = 2
-- $261 = 4
-- $262 = 4
-- $263 = "given_sx+family_sx"
-- $264 = 2
-- $265 = 2
-- $266 = 2
-- $267 = 2
-- $268 = 4
-- $269 = 4
-- $270 = 4
-- $271 = 4
-- $272 = 2
-- $273 = 2
-- $274 = 2
-- $275 = 2
-- $276 = 4
-- $277 = 4
-- $278 = 4
-- $279 = 4
-- $280 = "given_sx+family_sx"
-- $281 = 2
-- $282 = 2
-- $283 = 2
-- $284 = 2
-- $285 = 4
-- $286 = 4
-- $287 = 4
-- $288 = 4
-- $289 = 2
-- $290 = 2
-- $291 = 2
-- $292 = 2
-- $293 = 4
-- $294 = 4
-- $295 = 4
-- $296 = 4
-- $297 = "email"
-- $298 = 2
-- $299 = 2
-- $300 = 2
-- $301 = 2
-- $302 = 4
-- $303 = 4
-- $304 = 4
-- $305 = 4
-- $306 = 2
-- $307 = 2
-- $308 = 2
-- $309 = 2
-- $310 = 4
-- $311 = 4
-- $312 = 4
-- $313 = 4
-- $314 = "email"
-- $315 = 2
-- $316 = 2
-- $317 = 2
-- $318 = 2
-- $319 = 4
-- $320 = 4
-- $321 = 4
-- $322 = 4
-- $323 = 2
-- $324 = 2
-- $325 = 2
-- $326 = 2
-- $327 = 4
-- $328 = 4
-- $329 = 4
-- $330 = 4
-- $331 = "email_user"
-- $332 = 2
-- $333 = 2
-- $334 = 2
-- $335 = 2
-- $336 = 4
-- $337 = 4
-- $338 = 4
-- $339 = 4
-- $340 = 2
-- $341 = 2
-- $342 = 2
-- $343 = 2
-- $344 = 4
-- $345 = 4
-- $346 = 4
-- $347 = 4
-- $348 = "email_user"
-- $349 = 2
-- $350 = 2
-- $351 = 2
-- $352 = 2
-- $353 = 4
-- $354 = 4
-- $355 = 4
-- $356 = 4
-- $357 = 2
-- $358 = 2
-- $359 = 2
-- $360 = 2
-- $361 = 4
-- $362 = 4
-- $363 = 4
-- $364 = 4
-- $365 = "phone"
-- $366 = 2
-- $367 = 2
-- $368 = 2
-- $369 = 2
-- $370 = 4
-- $371 = 4
-- $372 = 4
-- $373 = 4
-- $374 = 2
-- $375 = 2
-- $376 = 2
-- $377 = 2
-- $378 = 4
-- $379 = 4
-- $380 = 4
-- $381 = 4
-- $382 = "phone"
-- $383 = 2
-- $384 = 2
-- $385 = 2
-- $386 = 2
-- $387 = 4
-- $388 = 4
-- $389 = 4
-- $390 = 4
-- $391 = 2
-- $392 = 2
-- $393 = 2
-- $394 = 2
-- $395 = 4
-- $396 = 4
-- $397 = 4
-- $398 = 4
