CREATE OR REPLACE TEMP TABLE "_m_cand" AS
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $1 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $2) = left(r."given", $3) AND left(l."family", $4) = left(r."family", $5) AND left(l."dob", $6) = left(r."dob", $7), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $8) = left(r."dob", $9), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."nhs" = r."nhs" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $10 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $11) = left(r."given", $12) AND left(l."family", $13) = left(r."family", $14) AND left(l."dob", $15) = left(r."dob", $16), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $17) = left(r."dob", $18), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."ni" = r."ni" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $19 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $20) = left(r."given", $21) AND left(l."family", $22) = left(r."family", $23) AND left(l."dob", $24) = left(r."dob", $25), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $26) = left(r."dob", $27), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $28 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $29) = left(r."given", $30) AND left(l."family", $31) = left(r."family", $32) AND left(l."dob", $33) = left(r."dob", $34), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $35) = left(r."dob", $36), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."dob" = r."dob" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $37 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $38) = left(r."given", $39) AND left(l."family", $40) = left(r."family", $41) AND left(l."dob", $42) = left(r."dob", $43), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $44) = left(r."dob", $45), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."dob" = r."dob" AND l."given_sx" = r."given_sx" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $46 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $47) = left(r."given", $48) AND left(l."family", $49) = left(r."family", $50) AND left(l."dob", $51) = left(r."dob", $52), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $53) = left(r."dob", $54), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."dob" = r."dob" AND l."names_sx" = r."names_sx" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $55 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $56) = left(r."given", $57) AND left(l."family", $58) = left(r."family", $59) AND left(l."dob", $60) = left(r."dob", $61), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $62) = left(r."dob", $63), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."dob" = r."dob" AND l."pc" = r."pc" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $64 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $65) = left(r."given", $66) AND left(l."family", $67) = left(r."family", $68) AND left(l."dob", $69) = left(r."dob", $70), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $71) = left(r."dob", $72), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."dob" = r."dob" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $73 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $74) = left(r."given", $75) AND left(l."family", $76) = left(r."family", $77) AND left(l."dob", $78) = left(r."dob", $79), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $80) = left(r."dob", $81), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."names_sx" = r."names_sx" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE NOT coalesce(l."nhs" = r."nhs", false)
  AND NOT coalesce(l."ni" = r."ni", false)
  AND NOT coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false)
  AND NOT coalesce(l."dob" = r."dob" AND l."house" = r."house", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $82 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $83) = left(r."given", $84) AND left(l."family", $85) = left(r."family", $86) AND left(l."dob", $87) = left(r."dob", $88), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $89) = left(r."dob", $90), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."pc" = r."pc" AND l."house" = r."house" AND l."rid" < r."rid"
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
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $91 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $92) = left(r."given", $93) AND left(l."family", $94) = left(r."family", $95) AND left(l."dob", $96) = left(r."dob", $97), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $98) = left(r."dob", $99), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."house" = r."house" AND l."street" = r."street" AND l."rid" < r."rid"
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
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $100 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $101) = left(r."given", $102) AND left(l."family", $103) = left(r."family", $104) AND left(l."dob", $105) = left(r."dob", $106), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $107) = left(r."dob", $108), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON left(l."given", $109) = left(r."given", $110) AND left(l."family", $111) = left(r."family", $112) AND left(l."dob", $113) = left(r."dob", $114) AND l."rid" < r."rid"
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
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $115 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $116) = left(r."given", $117) AND left(l."family", $118) = left(r."family", $119) AND left(l."dob", $120) = left(r."dob", $121), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $122) = left(r."dob", $123), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."family" = r."family" AND left(l."dob", $124) = left(r."dob", $125) AND l."rid" < r."rid"
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
  AND NOT coalesce(left(l."given", $126) = left(r."given", $127) AND left(l."family", $128) = left(r."family", $129) AND left(l."dob", $130) = left(r."dob", $131), false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $132 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $133) = left(r."given", $134) AND left(l."family", $135) = left(r."family", $136) AND left(l."dob", $137) = left(r."dob", $138), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $139) = left(r."dob", $140), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
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
  AND NOT coalesce(left(l."given", $141) = left(r."given", $142) AND left(l."family", $143) = left(r."family", $144) AND left(l."dob", $145) = left(r."dob", $146), false)
  AND NOT coalesce(l."family" = r."family" AND left(l."dob", $147) = left(r."dob", $148), false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $149 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $150) = left(r."given", $151) AND left(l."family", $152) = left(r."family", $153) AND left(l."dob", $154) = left(r."dob", $155), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $156) = left(r."dob", $157), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."email" = r."email" AND l."rid" < r."rid"
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
  AND NOT coalesce(left(l."given", $158) = left(r."given", $159) AND left(l."family", $160) = left(r."family", $161) AND left(l."dob", $162) = left(r."dob", $163), false)
  AND NOT coalesce(l."family" = r."family" AND left(l."dob", $164) = left(r."dob", $165), false)
  AND NOT coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $166 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $167) = left(r."given", $168) AND left(l."family", $169) = left(r."family", $170) AND left(l."dob", $171) = left(r."dob", $172), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $173) = left(r."dob", $174), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."email_user" = r."email_user" AND l."rid" < r."rid"
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
  AND NOT coalesce(left(l."given", $175) = left(r."given", $176) AND left(l."family", $177) = left(r."family", $178) AND left(l."dob", $179) = left(r."dob", $180), false)
  AND NOT coalesce(l."family" = r."family" AND left(l."dob", $181) = left(r."dob", $182), false)
  AND NOT coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false)
  AND NOT coalesce(l."email" = r."email", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $183 AS rule, CAST(CASE WHEN coalesce(l."nhs" = r."nhs", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."ni" = r."ni", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."family_sx" = r."family_sx", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."given_sx" = r."given_sx", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."names_sx" = r."names_sx", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."pc" = r."pc", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(l."dob" = r."dob" AND l."house" = r."house", false) THEN 128 ELSE 0 END + CASE WHEN coalesce(l."names_sx" = r."names_sx" AND l."house" = r."house", false) THEN 256 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 512 ELSE 0 END + CASE WHEN coalesce(l."house" = r."house" AND l."street" = r."street", false) THEN 1024 ELSE 0 END + CASE WHEN coalesce(left(l."given", $184) = left(r."given", $185) AND left(l."family", $186) = left(r."family", $187) AND left(l."dob", $188) = left(r."dob", $189), false) THEN 2048 ELSE 0 END + CASE WHEN coalesce(l."family" = r."family" AND left(l."dob", $190) = left(r."dob", $191), false) THEN 4096 ELSE 0 END + CASE WHEN coalesce(l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx", false) THEN 8192 ELSE 0 END + CASE WHEN coalesce(l."email" = r."email", false) THEN 16384 ELSE 0 END + CASE WHEN coalesce(l."email_user" = r."email_user", false) THEN 32768 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 65536 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."phone" = r."phone" AND l."rid" < r."rid"
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
  AND NOT coalesce(left(l."given", $192) = left(r."given", $193) AND left(l."family", $194) = left(r."family", $195) AND left(l."dob", $196) = left(r."dob", $197), false)
  AND NOT coalesce(l."family" = r."family" AND left(l."dob", $198) = left(r."dob", $199), false)
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
-- $10 = "ni"
-- $11 = 2
-- $12 = 2
-- $13 = 2
-- $14 = 2
-- $15 = 4
-- $16 = 4
-- $17 = 4
-- $18 = 4
-- $19 = "given_dm+family_dm"
-- $20 = 2
-- $21 = 2
-- $22 = 2
-- $23 = 2
-- $24 = 4
-- $25 = 4
-- $26 = 4
-- $27 = 4
-- $28 = "dob+family_sx"
-- $29 = 2
-- $30 = 2
-- $31 = 2
-- $32 = 2
-- $33 = 4
-- $34 = 4
-- $35 = 4
-- $36 = 4
-- $37 = "dob+given_sx"
-- $38 = 2
-- $39 = 2
-- $40 = 2
-- $41 = 2
-- $42 = 4
-- $43 = 4
-- $44 = 4
-- $45 = 4
-- $46 = "dob+names_sx"
-- $47 = 2
-- $48 = 2
-- $49 = 2
-- $50 = 2
-- $51 = 4
-- $52 = 4
-- $53 = 4
-- $54 = 4
-- $55 = "dob+pc"
-- $56 = 2
-- $57 = 2
-- $58 = 2
-- $59 = 2
-- $60 = 4
-- $61 = 4
-- $62 = 4
-- $63 = 4
-- $64 = "dob+house"
-- $65 = 2
-- $66 = 2
-- $67 = 2
-- $68 = 2
-- $69 = 4
-- $70 = 4
-- $71 = 4
-- $72 = 4
-- $73 = "names_sx+house"
-- $74 = 2
-- $75 = 2
-- $76 = 2
-- $77 = 2
-- $78 = 4
-- $79 = 4
-- $80 = 4
-- $81 = 4
-- $82 = "pc+house"
-- $83 = 2
-- $84 = 2
-- $85 = 2
-- $86 = 2
-- $87 = 4
-- $88 = 4
-- $89 = 4
-- $90 = 4
-- $91 = "house+street"
-- $92 = 2
-- $93 = 2
-- $94 = 2
-- $95 = 2
-- $96 = 4
-- $97 = 4
-- $98 = 4
-- $99 = 4
-- $100 = "left(given, 2)+left(family, 2)+left(dob, 4)"
-- $101 = 2
-- $102 = 2
-- $103 = 2
-- $104 = 2
-- $105 = 4
-- $106 = 4
-- $107 = 4
-- $108 = 4
-- $109 = 2
-- $110 = 2
-- $111 = 2
-- $112 = 2
-- $113 = 4
-- $114 = 4
-- $115 = "family+left(dob, 4)"
-- $116 = 2
-- $117 = 2
-- $118 = 2
-- $119 = 2
-- $120 = 4
-- $121 = 4
-- $122 = 4
-- $123 = 4
-- $124 = 4
-- $125 = 4
-- $126 = 2
-- $127 = 2
-- $128 = 2
-- $129 = 2
-- $130 = 4
-- $131 = 4
-- $132 = "given_sx+family_sx"
-- $133 = 2
-- $134 = 2
-- $135 = 2
-- $136 = 2
-- $137 = 4
-- $138 = 4
-- $139 = 4
-- $140 = 4
-- $141 = 2
-- $142 = 2
-- $143 = 2
-- $144 = 2
-- $145 = 4
-- $146 = 4
-- $147 = 4
-- $148 = 4
-- $149 = "email"
-- $150 = 2
-- $151 = 2
-- $152 = 2
-- $153 = 2
-- $154 = 4
-- $155 = 4
-- $156 = 4
-- $157 = 4
-- $158 = 2
-- $159 = 2
-- $160 = 2
-- $161 = 2
-- $162 = 4
-- $163 = 4
-- $164 = 4
-- $165 = 4
-- $166 = "email_user"
-- $167 = 2
-- $168 = 2
-- $169 = 2
-- $170 = 2
-- $171 = 4
-- $172 = 4
-- $173 = 4
-- $174 = 4
-- $175 = 2
-- $176 = 2
-- $177 = 2
-- $178 = 2
-- $179 = 4
-- $180 = 4
-- $181 = 4
-- $182 = 4
-- $183 = "phone"
-- $184 = 2
-- $185 = 2
-- $186 = 2
-- $187 = 2
-- $188 = 4
-- $189 = 4
-- $190 = 4
-- $191 = 4
-- $192 = 2
-- $193 = 2
-- $194 = 2
-- $195 = 2
-- $196 = 4
-- $197 = 4
-- $198 = 4
-- $199 = 4
