-- PostgreSQL spelling of prisma/migrations/20261129000200_seed_themes (hand-written data, not derivable from the schema).
-- Starting list of advocacy themes (editable later by leads and admins in /recommendations/themes).
-- ON CONFLICT DO NOTHING: a theme an admin already created or renamed under the same slug is kept.
INSERT INTO "Theme" ("slug", "nameZh", "nameEn") VALUES
  ('juvenile-justice', '少年司法', 'Juvenile justice'),
  ('trafficking', '反拐', 'Anti-trafficking'),
  ('positive-discipline', '正面管教', 'Positive discipline'),
  ('online-protection', '网络保护', 'Online protection'),
  ('guardianship', '监护', 'Guardianship'),
  ('sexual-abuse', '性侵害防治', 'Prevention of sexual abuse'),
  ('domestic-violence', '家庭暴力', 'Domestic violence'),
  ('left-behind-children', '留守儿童', 'Left-behind children'),
  ('disability', '残疾儿童', 'Children with disabilities'),
  ('education', '教育权利', 'Right to education'),
  ('mandatory-reporting', '强制报告', 'Mandatory reporting'),
  ('child-participation', '儿童参与', 'Child participation')
ON CONFLICT ("slug") DO NOTHING;
