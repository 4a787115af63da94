-- The household's id in the ministry's DTSEN (Data Tunggal Sosial Ekonomi Nasional), kept with the
-- decile the quarterly extract gives; the social office imports both from the extract.
ALTER TABLE social_facet ADD COLUMN dtsen_id text CHECK (dtsen_id ~ '^[0-9A-Za-z-]{1,40}$');
