CREATE TABLE "bundled_apps" (
	"name" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bundled_apps_app_id_unique" UNIQUE("app_id")
);
--> statement-breakpoint
ALTER TABLE "bundled_apps" ADD CONSTRAINT "bundled_apps_app_id_miniapps_app_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."miniapps"("app_id") ON DELETE no action ON UPDATE no action;