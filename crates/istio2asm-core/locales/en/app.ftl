# app — en
