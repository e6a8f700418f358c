-- The file the PBX recorded an answered call into (MixMonitor), as the dialplan named it in RINGSIDE_RECORDING:
-- relative to ringside.recordings.directory (or .base-url). Null for calls without audio, and for calls recorded
-- before this column existed.
alter table calls add column recording_file text;
