CREATE OR REPLACE TEMP TABLE "_m_base" AS
SELECT f."rid",
       f."source",
       f."nhs",
       f."ni",
       f."given_dm",
       f."family_dm",
       f."dob",
       f."family_sx",
       f."given_sx",
       f."names_sx",
       f."pc",
       f."house",
       f."street",
       f."given",
       f."family",
       f."email",
       f."email_user",
       f."phone",
       f."given_canon",
       f."sex",
       f."addr_tokens",
       f."addr_key",
       f."pc_out",
       f."locality",
       f."town",
       date_diff('day', DATE '1970-01-01', try_cast(f."dob" AS DATE)) AS "dob#days",
       nullif(trim(upper(json_extract_string(f."attrs", $1))), '') AS "attr.ref",
       coalesce("t0"."tf", $2) AS "tf.given",
       coalesce("t1"."tf", $6) AS "tf.family"
FROM "match_features" f
LEFT JOIN "match_tf" "t0" ON "t0"."kind" = $3 AND "t0"."version" = $4 AND "t0"."col" = $5 AND "t0"."value" = f."given"
LEFT JOIN "match_tf" "t1" ON "t1"."kind" = $7 AND "t1"."version" = $8 AND "t1"."col" = $9 AND "t1"."value" = f."family"
WHERE f."kind" = $10
-- args:
-- $1 = "$.\"ref\""
-- $2 = 0.0001
-- $3 = "person"
-- $4 = 3
-- $5 = "given"
-- $6 = 0.0001
-- $7 = "person"
-- $8 = 3
-- $9 = "family"
-- $10 = "person"
