-- One database and one role per service, as the services expect by default (deploy/compose/compose.yaml).
CREATE ROLE ingest LOGIN PASSWORD 'ingest';
CREATE DATABASE ingest OWNER ingest;
CREATE ROLE profile LOGIN PASSWORD 'profile';
CREATE DATABASE profile OWNER profile;
CREATE ROLE graph LOGIN PASSWORD 'graph';
CREATE DATABASE graph OWNER graph;
CREATE ROLE trust LOGIN PASSWORD 'trust';
CREATE DATABASE trust OWNER trust;
